/**
 * The cdktf app (`cdktf synth`, `cdktf deploy`): one stack per environment of stacks/environments.ts.
 * `npm run synth` does the same in-process, faster, and checks the result.
 */
import { buildApp } from '../constructs/cdktf/app';
import { loadEstate } from './estate';

buildApp(loadEstate()).app.synth();
