/**
 * The forms a model name is tried in: as written, without its vendor or region prefix, then
 * without its date, version, serving-variant and quantization suffixes one at a time. Each
 * form says what it dropped, for the hover and for telling a dated id from another model.
 */

/** The suffix of a quantized upload or file of a model ("-GPTQ-Int4", "-GGUF", "_Q4_K_M"), as a lower-cased name ends. */
export const QUANTIZED_UPLOAD = /[-._](?:gptq(?:-int[48])?|awq|gguf|fp8|bnb-4bit|w4a16|int4|int8|q\d_k_[msl]|q\d_\d)(?:\.gguf)?$/;

/**
 * Date and version suffixes and vendor names, tried one at a time (a name may carry one or
 * none); a third element rewrites the part instead of dropping it.
 */
const DROPPED_PARTS: readonly (readonly [RegExp, string, string?])[] = [
  // "Meta-Llama-3.1-8B-Instruct" (DeepInfra, Together, Nebius) is "Llama-3.1-8B-Instruct".
  [/^meta-(?=llama)/, "the vendor's name"],
  // Claude 4 and later put the version last ("claude-haiku-4-5"); some gateways keep the
  // Claude 3 order ("claude-4-5-haiku", Heroku's; "claude-4.5-haiku"): the same model.
  [/^claude-([4-9])[-.](\d)-(haiku|sonnet|opus)(?=$|-)/, 'the Claude 3 word order (the version before the tier)', 'claude-$3-$1-$2'],
  [/[-@]\d{8}(?=$|-v\d|:)/, 'the snapshot date'],
  [/-\d{4}-\d{2}-\d{2}$/, 'the snapshot date'],
  [/-v\d+(?::\d+)?$/, 'the version'],
  // Anthropic's "claude-opus-4-0" is Claude Opus 4 (minor version 0), an alias of its dated id.
  [/(?<=\d)-0$/, 'the minor version 0'],
  [/:\d+$/, 'the version'],
  [/-latest$/, '"-latest"'],
  [/:latest$/, '"-latest"'],
  [/-\d{3}$/, 'the version'],
  [/-(?:instruct|chat|it|turbo|versatile|instant|hf)$/, 'the serving variant'],
  // Quantized uploads and files of a model: the model is the same, the bytes are not the price.
  [QUANTIZED_UPLOAD, 'the quantization'],
  // Groq's context-window suffixes ("-8192"), OpenAI's and DeepSeek's MMDD snapshots ("-0613", "-0528").
  [/-\d{4,5}$/, 'the snapshot or context suffix'],
  [/:(?:free|beta|extended|nitro)$/, "OpenRouter's variant"],
  // Together's free endpoints ("…-Instruct-Turbo-Free") are rate-limited copies of the paid one.
  [/-free$/, 'the free endpoint (rate-limited; billed as the paid one)'],
  [/-(?:preview|exp)(?:-\d{2}-\d{2})?$/, 'the preview date'],
];

/** A form as written: nothing dropped (one array for all of them; it is never written to). */
export const NOTHING_DROPPED: string[] = [];

/**
 * A model name and its forms without its suffixes, each with what was dropped, in the order
 * they are tried. Made as they are asked for: most names are found as written, and a name
 * has no need of the dozen regular-expression passes its last forms take.
 */
export function* modelForms(model: string): Generator<{ name: string; dropped: string[] }> {
  const forms = [{ name: model, dropped: NOTHING_DROPPED }];
  yield forms[0]!;
  // Org and vendor parts: "meta-llama/Llama-3.1-70B-Instruct", "anthropic.claude-…", "accounts/fireworks/models/…".
  const last = model.slice(model.lastIndexOf('/') + 1);
  const vendorless = last.replace(/^(?:us|eu|apac|global|us-gov)\./, '').replace(/^[a-z0-9]+\.(?=[a-z])/, '');
  if (vendorless !== model) forms.push({ name: vendorless, dropped: ['the vendor or region prefix'] });
  let expanded = 0;
  for (let k = 0; k < forms.length; k++) {
    if (k > 0) yield forms[k]!;
    // The next form is needed: strip the suffixes of the forms not yet stripped, in order.
    while (k + 1 >= forms.length && expanded < forms.length && forms.length < 12) {
      const form = forms[expanded++]!;
      const lower = form.name.toLowerCase();
      for (const [pattern, what, instead = ''] of DROPPED_PARTS) {
        const stripped = lower.replace(pattern, instead);
        if (stripped !== lower && stripped.length > 1 && !forms.some((f) => f.name === stripped)) forms.push({ name: stripped, dropped: [...form.dropped, what] });
      }
    }
  }
}

/** A name whose lab is part of the model's name at its host, then its forms (made as they are asked for too). */
export function* withLab(name: string): Generator<{ name: string; dropped: string[] }> {
  yield { name, dropped: NOTHING_DROPPED };
  yield* modelForms(name);
}
