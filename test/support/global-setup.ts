/** Jest global setup: the packed, installed package for the tests that run the real bin. */
import { buildIfStale, packAndInstall } from './packed';

export default function globalSetup(): void {
  buildIfStale();
  process.env.ACR_IAC_PACKED = packAndInstall();
}
