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
  // The construct ID is prefixed so an input name never meets another child of the stack (`registry`)
  // or a name every JavaScript object has (`constructor`); the Terraform variable keeps the name.
  const id = `input-${name}`;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof TerraformVariable) return existing;
  const variable = new TerraformVariable(stack, id, {
    type,
    sensitive: true,
    nullable: false,
    description,
  });
  variable.overrideLogicalId(name);
  return variable;
}
