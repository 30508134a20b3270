// What the panel's host takes from its webview: an export only as the answer to a request it
// made (one-time token), and a saved config URI only when it is an llm.config.json of the workspace.
import * as assert from 'node:assert/strict';
import { EXPORT_ANSWER_MS, ExportGate } from '../../src/extension/panel/exportGate';
import { isWorkspaceConfigUri } from '../../src/extension/ids';
import { MAX_CLIPBOARD_LENGTH, MAX_EXPORT_LENGTH } from '../../src/protocol';

describe('panel: export requests', () => {
  let now = 0;
  let issued = 0;
  const gate = () => new ExportGate<string>(() => now, () => `token-${String(++issued).padStart(12, '0')}`);
  beforeEach(() => {
    now = 1_000;
  });

  it('writes nothing for an export nobody asked for', () => {
    const g = gate();
    assert.deepEqual(g.accept({ format: 'csv', target: 'clipboard', token: 'token-000000000001', content: 'a,b' }), { ok: false, reason: 'unrequested' });
  });

  it('accepts the answer to the open request once, with the request’s destination', () => {
    const g = gate();
    const token = g.issue({ format: 'markdown', target: 'file', destination: '/tmp/report.md' });
    const answer = { format: 'markdown' as const, target: 'file' as const, token, content: '# report' };
    assert.deepEqual(g.accept(answer), { ok: true, request: { format: 'markdown', target: 'file', destination: '/tmp/report.md' }, content: '# report' });
    assert.deepEqual(g.accept(answer), { ok: false, reason: 'unrequested' }, 'a token is used once');
  });

  it('refuses a wrong token, another format or target, and a late answer', () => {
    const g = gate();
    const token = g.issue({ format: 'csv', target: 'file', destination: undefined });
    assert.equal(g.accept({ format: 'csv', target: 'file', token: `${token}x`, content: '' }).ok, false);
    // A wrong token does not close the request: the real answer still goes through.
    assert.equal(g.accept({ format: 'csv', target: 'file', token, content: 'a' }).ok, true);

    const other = g.issue({ format: 'csv', target: 'file', destination: undefined });
    assert.deepEqual(g.accept({ format: 'csv', target: 'clipboard', token: other, content: 'a' }), { ok: false, reason: 'mismatch' });
    assert.deepEqual(g.accept({ format: 'csv', target: 'file', token: other, content: 'a' }), { ok: false, reason: 'unrequested' }, 'a refused answer closes its request');

    const late = g.issue({ format: 'markdown', target: 'clipboard', destination: undefined });
    now += EXPORT_ANSWER_MS + 1;
    assert.deepEqual(g.accept({ format: 'markdown', target: 'clipboard', token: late, content: 'a' }), { ok: false, reason: 'unrequested' });
  });

  it('keeps one request open: a new one replaces the last', () => {
    const g = gate();
    const first = g.issue({ format: 'csv', target: 'clipboard', destination: undefined });
    const second = g.issue({ format: 'csv', target: 'clipboard', destination: undefined });
    assert.notEqual(first, second);
    assert.equal(g.accept({ format: 'csv', target: 'clipboard', token: first, content: 'a' }).ok, false);
    assert.equal(g.accept({ format: 'csv', target: 'clipboard', token: second, content: 'a' }).ok, true);
  });

  it('bounds the clipboard below a file', () => {
    const g = gate();
    assert.ok(MAX_CLIPBOARD_LENGTH < MAX_EXPORT_LENGTH);
    const long = 'x'.repeat(MAX_CLIPBOARD_LENGTH + 1);
    const clip = g.issue({ format: 'csv', target: 'clipboard', destination: undefined });
    assert.deepEqual(g.accept({ format: 'csv', target: 'clipboard', token: clip, content: long }), { ok: false, reason: 'too-long' });
    const file = g.issue({ format: 'csv', target: 'file', destination: undefined });
    assert.equal(g.accept({ format: 'csv', target: 'file', token: file, content: long }).ok, true);
  });

  it('issues unguessable tokens by default', () => {
    const g = new ExportGate<string>();
    const tokens = new Set(Array.from({ length: 100 }, () => g.issue({ format: 'csv', target: 'file', destination: undefined })));
    assert.equal(tokens.size, 100);
    for (const token of tokens) assert.equal(Buffer.from(token, 'base64').length, 16, '128 random bits');
  });
});

describe('panel: the saved state’s config', () => {
  const folder = { scheme: 'file', authority: '', path: '/home/me/project' };
  const uri = (path: string, extra: Partial<{ scheme: string; authority: string; query: string; fragment: string }> = {}) => ({
    scheme: 'file',
    authority: '',
    path,
    query: '',
    fragment: '',
    ...extra,
  });

  it('accepts an llm.config.json inside a workspace folder', () => {
    assert.ok(isWorkspaceConfigUri(uri('/home/me/project/llm.config.json'), [folder]));
    assert.ok(isWorkspaceConfigUri(uri('/home/me/project/services/a/llm.config.json'), [{ scheme: 'file', authority: '', path: '/elsewhere' }, folder]));
  });

  it('refuses another file, a file outside the workspace, and anything unusual', () => {
    const refused = [
      uri('/home/me/project/.env'),
      uri('/home/me/project/llm.config.json.bak'),
      uri('/etc/passwd'),
      uri('/home/me/llm.config.json'),
      uri('/home/me/project-other/llm.config.json'),
      uri('/home/me/project/../secret/llm.config.json'),
      uri('/home/me/project/./llm.config.json'),
      uri('/home/me/project/llm.config.json', { query: 'x=1' }),
      uri('/home/me/project/llm.config.json', { fragment: 'x' }),
      uri('/home/me/project/llm.config.json', { scheme: 'vscode-remote', authority: 'ssh-remote+evil' }),
      uri('/home/me/project/llm.config.json', { authority: 'server' }),
      uri('/home/me/project/llm.config.json', { scheme: 'git' }),
    ];
    for (const candidate of refused) assert.equal(isWorkspaceConfigUri(candidate, [folder]), false, JSON.stringify(candidate));
    assert.equal(isWorkspaceConfigUri(uri('/home/me/project/llm.config.json'), []), false, 'no workspace, nothing restored');
  });
});
