// The npm package inside workerd: `edge-tokens` resolves to its `workerd` export condition.
import { decodeToken, rotateRefreshToken, saveToken, verifyAccessToken } from 'edge-tokens';

const json = (body, status = 200) => Response.json(body, { status });

export default {
  async fetch(request, env) {
    const config = {
      accessSecret: env.ACCESS_TOKEN_SECRET,
      refreshSecret: env.REFRESH_TOKEN_SECRET,
      hashKey: env.TOKEN_HASH_KEY,
      issuer: 'js-worker',
    };
    const { pathname } = new URL(request.url);
    try {
      if (pathname === '/healthz') return json({ status: 'ok' });
      if (pathname === '/login') {
        const { user } = await request.json();
        // env.SESSIONS is the KV binding itself: no adapter.
        return json(await saveToken(env.SESSIONS, user, { role: 'admin' }, config), 201);
      }
      if (pathname === '/refresh') {
        const { refreshToken } = await request.json();
        return json(await rotateRefreshToken(env.SESSIONS, refreshToken, config));
      }
      if (pathname === '/verify') {
        const { accessToken } = await request.json();
        const claims = verifyAccessToken(accessToken, config.accessSecret, { issuer: 'js-worker' });
        return json({ claims, header: decodeToken(accessToken).header });
      }
      return json({ code: 'NOT_FOUND' }, 404);
    } catch (err) {
      return json({ name: err.name, code: err.code }, 400);
    }
  },
};
