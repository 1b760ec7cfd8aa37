/**
 * The starter's Pulumi program under Pulumi's mocks, as a consumer tests it (compiled with the same
 * strict tsconfig): the registry must be among the resources the program registers.
 */
import { registered } from './mocks';
import { registryId } from './index';

async function main(): Promise<void> {
  const id = await new Promise<string>((resolve) => registryId.apply(resolve));
  if (!registered.includes('azure-native:containerregistry:Registry'))
    throw new Error(`no registry registered; saw ${registered.join(', ')}`);
  console.log(`program under mocks: ${registered.length} resources, registry ${id}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
