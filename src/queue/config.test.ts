import { describe, expect, it } from 'vitest';
import { UsageError } from '../model/index.js';
import { jobIdOf, parseQueueUrl, readCollectJob, resolveQueueUrl } from './config.js';

describe('parseQueueUrl', () => {
  it('takes our prefix out of the URL and hides the password in messages', () => {
    expect(parseQueueUrl('redis://user:s3cret@redis.internal:6380/2?prefix=newsroom')).toEqual({
      redisUrl: 'redis://user:s3cret@redis.internal:6380/2',
      prefix: 'newsroom',
      display: 'redis://user:***@redis.internal:6380/2',
    });
  });

  it('defaults the prefix and keeps the other parameters for the client', () => {
    expect(parseQueueUrl('rediss://cache.example:6379?family=6')).toMatchObject({ redisUrl: 'rediss://cache.example:6379?family=6', prefix: 'secdigest' });
  });

  it('refuses what is not a Redis URL, or a prefix that could reach into other keys', () => {
    expect(() => parseQueueUrl('127.0.0.1:6379')).toThrow(UsageError);
    expect(() => parseQueueUrl('http://127.0.0.1:6379')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseQueueUrl('redis://127.0.0.1?prefix=a:b')).toThrow(/prefix/);
    expect(() => parseQueueUrl('redis://127.0.0.1?prefix=*')).toThrow(/prefix/);
  });
});

describe('resolveQueueUrl', () => {
  it('prefers the flag, then SECDIGEST_QUEUE; an empty variable is unset', () => {
    const env = { SECDIGEST_QUEUE: 'redis://from-env:6379' };
    expect(resolveQueueUrl('redis://from-flag:6379', env)?.redisUrl).toBe('redis://from-flag:6379');
    expect(resolveQueueUrl(undefined, env)?.redisUrl).toBe('redis://from-env:6379');
    expect(resolveQueueUrl(undefined, { SECDIGEST_QUEUE: ' ' })).toBeUndefined();
    expect(resolveQueueUrl(undefined, {})).toBeUndefined();
  });
});

describe('jobs', () => {
  it('names a job after its feed, in a form BullMQ accepts for every valid feed id', () => {
    expect(jobIdOf('123')).toBe('feed-123'); // BullMQ refuses an id that reads as an integer
    expect(jobIdOf('krebs')).toBe('feed-krebs');
  });

  it('reads back exactly the plain CollectJob, and refuses anything else', () => {
    expect(readCollectJob({ feedId: 'a', url: 'https://a.example/feed', extra: 1 })).toEqual({ feedId: 'a', url: 'https://a.example/feed' });
    expect(() => readCollectJob({ feedId: 'a' })).toThrow(/not a collect job/);
    expect(() => readCollectJob(null)).toThrow(/not a collect job/);
    expect(() => readCollectJob({ feedId: '', url: 'x' })).toThrow(/not a collect job/);
  });
});
