/**
 * What a connected registry's mode means for its registry, as every adapter reads it
 * (constructs/model/ingest.ts): ReadWrite lets pushed images in, ReadOnly nothing, and a mode the
 * input does not decide, or one Microsoft Learn does not describe, is UNKNOWN with the reason.
 */
import { connectedRegistrySyncsPushes } from '../../constructs/model/ingest';
import type { Ingest, Setting } from './types';
import { isUnknown, unknownBecause } from './types';

/** `from` and `imports` of the connected registry whose mode is `mode`; `where` names the mode in messages. */
export function connectedRegistryReading(
  mode: Setting<string>,
  where: string,
): Pick<Ingest, 'from' | 'imports'> {
  if (isUnknown(mode)) return { from: mode, imports: mode };
  const syncs = connectedRegistrySyncsPushes(mode);
  return {
    from: `${mode} mode`,
    imports: syncs ?? unknownBecause(`${where} is ${mode}, a mode Microsoft Learn does not describe`),
  };
}
