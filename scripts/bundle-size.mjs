// Prints the size of the client bundle (wasm + js) raw and brotli-compressed (quality 11, what a
// static-file precompression step would use), e.g.:
//   node scripts/bundle-size.mjs target/site/pkg
//   bundle-size dir=target/site/pkg wasm_raw=… js_raw=… wasm_br=… js_br=… total_br=…
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'target/site/pkg';
const sizes = { wasm_raw: 0, js_raw: 0, wasm_br: 0, js_br: 0 };
for (const name of readdirSync(dir)) {
  const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'js' : null;
  if (!kind) continue;
  const bytes = readFileSync(join(dir, name));
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  sizes[`${kind}_raw`] += bytes.length;
  sizes[`${kind}_br`] += br.length;
}
const total = sizes.wasm_br + sizes.js_br;
console.log(`bundle-size dir=${dir} ${Object.entries(sizes).map(([k, v]) => `${k}=${v}`).join(' ')} total_br=${total} (${(total / 1024).toFixed(1)} KiB)`);
