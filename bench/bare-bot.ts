/**
 * The baseline for bench:webhook: a bare grammY bot on the same HTTP stack (Hono on Node) that
 * writes one row per update and echoes the text back. Run by bench/webhook.ts, not by hand.
 */
import { serve } from '@hono/node-server';
import { Bot, webhookCallback } from 'grammy';
import { Hono } from 'hono';
import pg from 'pg';

const env = process.env;
const pool = new pg.Pool({ connectionString: env.BENCH_DB_URL, max: 10 });
await pool.query('create table if not exists bench_echo (id bigserial primary key, chat_id bigint not null, text text not null, at timestamptz not null default now())');
const bot = new Bot(env.BENCH_TOKEN!, { client: { apiRoot: env.BENCH_API_ROOT! } });
bot.on('message:text', async (ctx) => {
  await pool.query('insert into bench_echo (chat_id, text) values ($1, $2)', [ctx.chat.id, ctx.message.text]);
  await ctx.reply(ctx.message.text);
});
await bot.init();
const app = new Hono();
app.post('/telegram/webhook', webhookCallback(bot, 'hono', { secretToken: env.BENCH_SECRET }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(env.BENCH_PORT) }, () => console.log('ready'));
