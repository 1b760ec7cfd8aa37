/**
 * Posts or updates the preview comment on an Azure DevOps pull request: the thread whose first comment
 * starts with the preview marker is updated, otherwise a new thread is opened. The package ships it
 * compiled; the template `acr-iac-preview.yml` runs it as
 * `node node_modules/acr-iac/dist/examples/azure-devops/pr-comment.js preview.md`.
 *
 * Needs the pipeline variables Azure DevOps sets on PR builds, and SYSTEM_ACCESSTOKEN mapped explicitly
 * (the build service needs "Contribute to pull requests" on the repository).
 */
import { readFileSync } from 'node:fs';
import { COMMENT_MARKER } from '../../preview/render';

interface Thread {
  readonly id: number;
  readonly comments?: readonly { readonly id: number; readonly content?: string }[];
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this in an Azure DevOps pull-request build`);
  return value;
}

async function call(url: string, method: string, token: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status}`);
  return response.json();
}

async function main(file: string): Promise<void> {
  const content = readFileSync(file, 'utf8');
  const token = required('SYSTEM_ACCESSTOKEN');
  const base =
    `${required('SYSTEM_COLLECTIONURI')}${encodeURIComponent(required('SYSTEM_TEAMPROJECTID'))}` +
    `/_apis/git/repositories/${required('BUILD_REPOSITORY_ID')}` +
    `/pullRequests/${required('SYSTEM_PULLREQUEST_PULLREQUESTID')}/threads`;
  const version = 'api-version=7.1';
  const { value: threads } = (await call(`${base}?${version}`, 'GET', token)) as { value: Thread[] };
  const mine = threads.find((t) => t.comments?.[0]?.content?.startsWith(COMMENT_MARKER));
  const first = mine?.comments?.[0];
  if (mine && first) {
    await call(`${base}/${mine.id}/comments/${first.id}?${version}`, 'PATCH', token, { content });
  } else {
    const thread = { comments: [{ parentCommentId: 0, content, commentType: 1 }], status: 'active' };
    await call(`${base}?${version}`, 'POST', token, thread);
  }
}

main(process.argv[2] ?? 'preview.md').catch((error: unknown) => {
  process.stderr.write(`pr-comment: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
