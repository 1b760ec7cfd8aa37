/**
 * Providers of an environment stack. The time provider is added on first use only.
 */
import type { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';

/** Adds the hashicorp/time provider to the stack of `scope` once. */
export function ensureTimeProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild('time')) new TimeProvider(stack, 'time');
}
