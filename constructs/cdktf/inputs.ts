/**
 * Sensitive inputs: values (Git tokens, webhook headers) that come from Terraform variables marked
 * sensitive, so they never appear in synthesized JSON.
 */
import type { Construct } from 'constructs';
import { TerraformStack, TerraformVariable } from 'cdktf';

/** The sensitive variable `name` of the stack of `scope`, created on first use. */
export function sensitiveInput(
  scope: Construct,
  name: string,
  type: 'string' | 'map(string)',
  description: string,
): TerraformVariable {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(name);
  if (existing instanceof TerraformVariable) return existing;
  const variable = new TerraformVariable(stack, name, {
    type,
    sensitive: true,
    nullable: false,
    description,
  });
  variable.overrideLogicalId(name);
  return variable;
}
