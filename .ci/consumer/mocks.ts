/**
 * Pulumi's mocks for the consumer test, set before the program loads (imported first): every resource
 * the program registers is recorded in `registered`.
 */
import * as pulumi from '@pulumi/pulumi';

/** The types of the resources registered so far. */
export const registered: string[] = [];

void pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args.type);
      return { id: `${args.name}-id`, state: { ...args.inputs, id: `${args.name}-id` } };
    },
    call: (args) => args.inputs,
  },
  'consumer',
  'dev',
  false,
);
