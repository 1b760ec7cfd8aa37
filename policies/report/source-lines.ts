/**
 * Line numbers of resources in a synthesized cdk.tf.json, so SARIF results point at a line (GitHub
 * code scanning annotates that line in the pull request). The file is read again only when a report
 * asks for lines, at the CLI's edge; inventories stay free of text positions.
 */

/** Finds the 1-based line of a finding's address in its file, or undefined. */
export type LineLookup = (file: string, address: string) => number | undefined;

const BLOCK = /^ {2}"(resource|data)": \{$/;
const TYPE = /^ {4}"([^"]+)": \{$/;
const NAME = /^ {6}"([^"]+)": \{$/;

/**
 * Lines of `<type>.<name>` (resources) and `data.<type>.<name>` (data sources) in a cdk.tf.json as
 * cdktf writes it (two-space indentation). Other layouts (a minified plan file) give no lines.
 */
export function resourceLines(text: string): ReadonlyMap<string, number> {
  const lines = new Map<string, number>();
  let block: string | undefined;
  let type: string | undefined;
  text.split('\n').forEach((line, i) => {
    const opened = BLOCK.exec(line);
    if (opened) {
      block = opened[1];
      type = undefined;
      return;
    }
    if (block === undefined) return;
    if (line === '  },' || line === '  }') {
      block = undefined;
      return;
    }
    const typed = TYPE.exec(line);
    if (typed) {
      type = typed[1];
      return;
    }
    const named = NAME.exec(line);
    if (named && type !== undefined) {
      lines.set(block === 'data' ? `data.${type}.${named[1]}` : `${type}.${named[1]}`, i + 1);
    }
  });
  return lines;
}

/** A LineLookup over files read with `read` (once each); unreadable files give no lines. */
export function lineLookup(read: (file: string) => string): LineLookup {
  const byFile = new Map<string, ReadonlyMap<string, number>>();
  return (file, address) => {
    let lines = byFile.get(file);
    if (!lines) {
      try {
        lines = resourceLines(read(file));
      } catch {
        lines = new Map();
      }
      byFile.set(file, lines);
    }
    return lines.get(address);
  };
}
