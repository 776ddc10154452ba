import { describe, expect, it } from 'vitest';
import { publishOverrideSchema, mergePublishSettings, DEFAULT_PUBLISH_SETTINGS } from '../config/publish-settings.js';
import { checkSiteUrl } from './site-url.js';

describe('checkSiteUrl', () => {
  it('accepts http(s) URLs and makes their path a folder', () => {
    expect(checkSiteUrl('https://news.example.com')).toEqual({ ok: true, base: 'https://news.example.com/' });
    expect(checkSiteUrl('HTTPS://News.Example.com:443/brief')).toEqual({ ok: true, base: 'https://news.example.com/brief/' });
    expect(checkSiteUrl('http://127.0.0.1:8080/a/b/')).toEqual({ ok: true, base: 'http://127.0.0.1:8080/a/b/' });
  });

  it.each([
    ['javascript:alert(1)', 'it uses javascript:, only http and https are allowed'],
    ['data:text/html,x', 'it uses data:, only http and https are allowed'],
    ['ftp://files.example/', 'it uses ftp:, only http and https are allowed'],
    ['/archive/', 'it is not absolute (it needs http:// or https://)'],
    ['news.example.com', 'it is not absolute (it needs http:// or https://)'],
    ['https:news.example.com', 'it needs // after the scheme'],
    [' https://news.example.com/', 'it is empty or has spaces around it'],
    ['', 'it is empty or has spaces around it'],
    ['https://user:secret@news.example.com/', 'it holds a user name or password, which would be published'],
    ['https://news.example.com/?utm=1', 'it has a query or fragment: name the folder the site is served from'],
    ['https://news.example.com/#top', 'it has a query or fragment: name the folder the site is served from'],
    ['https://ne"ws.example.com/', 'its host is not a valid host name'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(checkSiteUrl(raw)).toEqual({ ok: false, reason });
  });
});

describe('settings.publish', () => {
  it('validates the override and merges it over the defaults', () => {
    expect(publishOverrideSchema.safeParse({ siteUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(publishOverrideSchema.safeParse({ dir: ' ' }).success).toBe(false);
    expect(publishOverrideSchema.safeParse({ color: 'red' }).success).toBe(false);
    const override = publishOverrideSchema.parse({ siteUrl: 'https://news.example.com/' });
    expect(mergePublishSettings(DEFAULT_PUBLISH_SETTINGS, override)).toEqual({ dir: 'site', siteUrl: 'https://news.example.com/' });
    expect(mergePublishSettings({ dir: 'site', siteUrl: 'https://a.example/' }, { siteUrl: null })).toEqual({ dir: 'site', siteUrl: null });
    expect(mergePublishSettings(DEFAULT_PUBLISH_SETTINGS, undefined)).toEqual({ dir: 'site', siteUrl: null });
  });
});
