/**
 * Using the constructs in your own cdktf app: the shipped estate, plus grants made in code and an
 * import grant from a registry that another team manages.
 *
 *   npx tsx examples/custom-app/app.ts cdktf.out.custom
 */
import { App } from 'cdktf';
import { EnvironmentStack, RegistryReference, addSuppression } from '../../constructs/cdktf';
import { loadEstate } from '../../stacks/estate';

/** Builds the app into `outdir`. */
export function buildCustomApp(outdir: string): App {
  const estate = loadEstate(); // validated: a DeclarationError lists every problem with its fix
  const app = new App({ outdir });
  const [dev, , prod] = estate.environments.map((environment) => new EnvironmentStack(app, { environment }));

  // Intent, not raw role assignments: each grant is the least built-in role that fits.
  dev.registry.grantPull({
    principalId: '99999999-0000-0000-0000-000000000001',
    description: 'QA test runner',
  });

  // Base images come from the platform team's registry, managed in another repository. They enter the
  // chain at dev like everything else: importing them straight into prod would fail ACR-104.
  const upstream = new RegistryReference(dev, 'upstream', {
    name: 'platformbaseimages',
    resourceGroupName: 'rg-platform',
  });
  dev.registry.grantImport(
    { principalId: '99999999-0000-0000-0000-000000000002', description: 'nightly base image mirror' },
    upstream,
  );
  // A reviewed exception, visible in every report.
  addSuppression(
    prod.registry.resource,
    'ACR-016',
    'Microsoft-managed keys approved by security review SEC-118',
  );
  return app;
}

if (require.main === module) buildCustomApp(process.argv[2] ?? 'cdktf.out.custom').synth();
