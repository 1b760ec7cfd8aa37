/**
 * The installed bin on a hand-written HCL module that seeds its registry the common way: a
 * `null_resource` whose `local-exec` provisioner runs `az acr import --name <the registry>`. The
 * command runs with the deployer's credentials and the checker does not judge shell commands, so
 * ACR-024 is unknown on that registry, with the command (it passed when provisioners were dropped).
 * A provisioner whose command is not a string is exit 2 with one line, and nothing is written.
 */
import { foreignProject } from '../support/foreign-project';

const hclModule = (command: string): string => `
resource "azurerm_container_registry" "this" {
  name                          = "contosoacrprod"
  resource_group_name           = "rg-acr-prod"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = false
}
resource "null_resource" "seed" {
  triggers = { registry = azurerm_container_registry.this.id }
  provisioner "local-exec" {
    command = ${command}
  }
}
`;

describe('the installed bin on commands a module runs', () => {
  const { bin, writeModule, resultsAt, refused } = foreignProject('commands-');

  it('makes ACR-024 unknown on the registry a local-exec command names; refuses a command that is no string', () => {
    writeModule(
      'prod',
      'main.tf',
      hclModule(
        '"az acr import --name ${azurerm_container_registry.this.name} --source docker.io/library/nginx:1.27"',
      ),
    );
    const result = bin('check', 'prod', '--env', 'prod', '--format', 'json');
    expect(resultsAt(result.stdout, 'ACR-024')).toEqual(['unknown null_resource.seed']);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] };
    expect(report.findings.find((f) => f.ruleId === 'ACR-024')?.message).toContain(
      'null_resource.seed runs a local-exec command `az acr import --name ${azurerm_container_registry.this.name} --source docker.io/library/nginx:1.27`',
    );
    writeModule('prod', 'main.tf', hclModule('["az", "acr", "import"]'));
    refused(
      bin('check', 'prod', '--env', 'prod', '-o', 'prod.json'),
      'prod/main.tf: resource.null_resource.seed[0].provisioner.local-exec[0].command: expected a string (the command to run)',
      'prod.json',
    );
  });
});
