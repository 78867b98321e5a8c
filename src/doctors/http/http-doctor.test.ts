import { describe, expect, it } from 'vitest';
import { parseDoctorSpec } from '../spec.js';
import { chatReplyText, httpDoctorConfig, parseActionReply } from './http-doctor.js';

const config = (raw: string) => httpDoctorConfig(parseDoctorSpec(raw));

describe('http doctor config', () => {
  it('rebuilds the URL the spec parser split and reads options after the first comma', () => {
    expect(config('http://127.0.0.1:8000/act')).toMatchObject({ url: 'http://127.0.0.1:8000/act', timeoutMs: 30_000, retries: 2, mode: 'json' });
    expect(config('https://v.example/v1/chat/completions,mode=chat,timeout=2.5,retries=0,format=agentclinic')).toMatchObject({
      url: 'https://v.example/v1/chat/completions',
      timeoutMs: 2500,
      retries: 0,
      mode: 'chat',
      format: 'agentclinic',
    });
  });

  it('keeps a query string out of the name and refuses bad options', () => {
    expect(config('http://h/act?key=abc').name).toBe('http://h/act');
    expect(() => config('http://h/act,wait=3')).toThrow(/has no option "wait"/);
    expect(() => config('http://h/act,retries=-1')).toThrow(/between 0 and 10/);
    expect(() => config('http://h/act,format=sdbench')).toThrow(/mode=chat only/);
  });

  it('accepts exactly one valid action in JSON mode and an OpenAI-style reply in chat mode', () => {
    expect(parseActionReply('{"type":"examine","targets":["vitals"]}', 'u')).toEqual({ type: 'examine', targets: ['vitals'] });
    expect(() => parseActionReply('{"type":"examine"}', 'u')).toThrow(/invalid action \(targets:/);
    expect(() => parseActionReply('<html>', 'u')).toThrow(/not JSON/);
    expect(chatReplyText('{"choices":[{"message":{"content":"<test>CBC</test>"}}]}', 'u')).toBe('<test>CBC</test>');
    expect(() => chatReplyText('{"choices":[]}', 'u')).toThrow(/without choices/);
  });
});
