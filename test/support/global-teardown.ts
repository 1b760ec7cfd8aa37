/** Jest global teardown: removes the packed package. */
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const root = process.env.ACR_IAC_PACKED;
  if (root) rmSync(root, { recursive: true, force: true });
}
