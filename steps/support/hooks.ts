import { AfterAll, After, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { runtime, startRuntime } from './runtime.ts';
import { CAPABILITIES, type Capability } from './target.ts';
import type { ObWorld } from './world.ts';

setDefaultTimeout(20_000);

// One runtime (and, for the embedded target, one sandbox with its own in-memory database) per
// cucumber worker process.
BeforeAll({ timeout: 60_000 }, async function () {
  await startRuntime();
});

AfterAll(async function () {
  await runtime().stop();
});

/**
 * Skip, with the reason in the report, scenarios whose `@needs:<capability>` the target lacks or
 * whose `@profile:<p>` tags do not include the target's profile.
 */
Before(async function (this: ObWorld, { pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  const reasons: string[] = [];
  for (const tag of tags.filter((t) => t.startsWith('@needs:'))) {
    const need = tag.slice('@needs:'.length) as Capability;
    if (!CAPABILITIES.includes(need)) reasons.push(`unknown capability ${need} in ${tag}`);
    else if (!this.target.has(need)) reasons.push(`target "${this.target.file.name}" lacks capability ${need}`);
  }
  // WSO2-* rules describe the product, not a spec: checked only on a target that declares it.
  const productRules = tags.filter((t) => t.startsWith('@rule:WSO2-'));
  if (productRules.length > 0 && !this.target.file.product?.name.startsWith('wso2')) {
    reasons.push(`product rule ${productRules[0]!.slice('@rule:'.length)}: target "${this.target.file.name}" declares no WSO2 product`);
  }
  const profiles = tags.filter((t) => t.startsWith('@profile:')).map((t) => t.slice('@profile:'.length));
  if (profiles.length > 0 && !profiles.includes(this.target.file.profile) && !(profiles.includes('fapi') && this.target.file.profile !== 'generic')) {
    reasons.push(`scenario applies to profile ${profiles.join('/')}, target "${this.target.file.name}" runs profile ${this.target.file.profile}`);
  }
  if (reasons.length > 0) {
    this.attach(`Skipped: ${reasons.join('; ')}`, 'text/plain');
    return 'skipped';
  }
  return undefined;
});

After(function (this: ObWorld) {
  runtime().clock?.reset();
});
