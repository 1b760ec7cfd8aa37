/**
 * The GitHub REST client behind `acr-iac pr-comment`, with the HTTP call injected (no network): one
 * comment per pull request, found by its marker across pages, updated in place; API errors and
 * oversized or unmarked bodies stop it with one line that never holds the token.
 */
import type { ApiCall, ApiRequest } from '../../cli/github-comment';
import { fetchCall, upsertComment } from '../../cli/github-comment';
import { COMMENT_MARKER } from '../../preview';
import { runCli } from '../support/cli';

const body = `${COMMENT_MARKER}\n## acr-iac preview\n`;
const target = { apiUrl: 'https://api.github.com', repository: 'contoso/platform', pullRequest: 7, body };

/** A fake API holding `comments`; records every request. */
function fakeApi(comments: { id: number; body: string; user: { login: string } }[], status = 200) {
  const requests: ApiRequest[] = [];
  const call: ApiCall = async (request) => {
    requests.push(request);
    if (status !== 200) return { status, json: { message: 'Resource not accessible by integration' } };
    if (request.method === 'GET') {
      const page = Number(new URL(request.url).searchParams.get('page'));
      return { status: 200, json: comments.slice((page - 1) * 100, page * 100) };
    }
    return {
      status: request.method === 'POST' ? 201 : 200,
      json: { id: 999, html_url: 'https://github.com/x' },
    };
  };
  return { call, requests };
}

const other = (id: number) => ({ id, body: 'LGTM', user: { login: 'someone' } });

describe('upsertComment', () => {
  it('creates the comment when none has the marker', async () => {
    const api = fakeApi([other(1), other(2)]);
    expect(await upsertComment(target, api.call)).toMatchObject({ action: 'created', id: 999 });
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://api.github.com/repos/contoso/platform/issues/7/comments?per_page=100&page=1',
      'POST https://api.github.com/repos/contoso/platform/issues/7/comments',
    ]);
    expect(api.requests[1].body).toEqual({ body });
  });

  it('updates the marked comment, reading every page, by the given author only', async () => {
    const comments = Array.from({ length: 150 }, (_, i) => other(i + 1));
    comments[20] = { id: 21, body: `${COMMENT_MARKER}\nforged`, user: { login: 'attacker' } };
    comments[120] = { id: 121, body: `${COMMENT_MARKER}\nold`, user: { login: 'github-actions[bot]' } };
    const api = fakeApi(comments);
    const outcome = await upsertComment({ ...target, author: 'github-actions[bot]' }, api.call);
    expect(outcome.action).toBe('updated');
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://api.github.com/repos/contoso/platform/issues/7/comments?per_page=100&page=1',
      'GET https://api.github.com/repos/contoso/platform/issues/7/comments?per_page=100&page=2',
      'PATCH https://api.github.com/repos/contoso/platform/issues/comments/121',
    ]);
  });

  it('refuses unmarked or oversized bodies and bad targets before any call', async () => {
    const api = fakeApi([]);
    await expect(upsertComment({ ...target, body: 'hello' }, api.call)).rejects.toThrow(/marker/);
    await expect(upsertComment({ ...target, body: body + 'x'.repeat(70_000) }, api.call)).rejects.toThrow(
      /at most 65536/,
    );
    await expect(upsertComment({ ...target, repository: 'a/b/c' }, api.call)).rejects.toThrow(/owner\/name/);
    await expect(upsertComment({ ...target, apiUrl: 'http://api' }, api.call)).rejects.toThrow(/https/);
    expect(api.requests).toEqual([]);
  });

  it('names the failed call and the API message', async () => {
    await expect(upsertComment(target, fakeApi([], 403).call)).rejects.toThrow(
      'GET https://api.github.com/repos/contoso/platform/issues/7/comments?per_page=100&page=1: HTTP 403 (Resource not accessible by integration)',
    );
  });

  it('sends the token in the header only', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fake = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response('[]', { status: 200 });
    }) as unknown as typeof fetch;
    await fetchCall('tok-123', fake)({ method: 'GET', url: 'https://api.github.com/x' });
    expect((seen[0].init.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');
    expect(seen[0].url).not.toContain('tok-123');
  });
});

describe('acr-iac pr-comment', () => {
  it('needs the token unless it is a dry run, and exits 2 with one line', async () => {
    const saved = process.env.GITHUB_TOKEN;
    delete process.env.GITHUB_TOKEN;
    try {
      const result = await runCli('pr-comment', '--file', 'package.json', '--repo', 'a/b', '--pr', '1');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('acr-iac: $GITHUB_TOKEN is not set: it holds the token\n');
      const dry = await runCli(
        'pr-comment',
        '--file',
        'package.json',
        '--repo',
        'a/b',
        '--pr',
        '1',
        '--dry-run',
      );
      expect(dry.code).toBe(2);
      expect(dry.stderr).toMatch(/does not start with the marker/);
    } finally {
      if (saved !== undefined) process.env.GITHUB_TOKEN = saved;
    }
  });
});
