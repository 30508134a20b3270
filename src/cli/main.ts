import { analyze } from '../engine';
import { readFileSync } from 'node:fs';

const [, , command, file] = process.argv;
if (command !== 'analyze' || !file) {
  process.stderr.write('usage: llm-cost-lens analyze <file>\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(analyze(readFileSync(file, 'utf8')), null, 2) + '\n');
