import { describe, expect, it } from 'vitest';
import { parseAgentClinic, parseSdbench } from './parse-text.js';

describe('AgentClinic replies', () => {
  it('reads DIAGNOSIS READY and REQUEST TEST whatever the case, spacing or markdown', () => {
    expect(parseAgentClinic('DIAGNOSIS READY: Acute pericarditis')).toEqual({ type: 'diagnose', differential: [{ name: 'Acute pericarditis' }] });
    expect(parseAgentClinic('I am confident.\n**Diagnosis Ready** : Inferior STEMI.')).toEqual({
      type: 'diagnose',
      differential: [{ name: 'Inferior STEMI' }],
    });
    expect(parseAgentClinic('```\nREQUEST TEST: ECG\n```')).toEqual({ type: 'order', tests: ['ECG'] });
    expect(parseAgentClinic('Let us check.\nrequest test:  troponin, CBC and BMP\nREQUEST TEST: chest x-ray')).toEqual({
      type: 'order',
      tests: ['troponin', 'CBC', 'BMP', 'chest x-ray'],
    });
    expect(parseAgentClinic('DIAGNOSIS READY: 1. Inferior STEMI\n2. Aortic dissection')).toEqual({
      type: 'diagnose',
      differential: [{ name: 'Inferior STEMI' }, { name: 'Aortic dissection' }],
    });
  });

  it('takes anything else as dialogue and nothing usable as null', () => {
    expect(parseAgentClinic('Doctor: When did the pain start?')).toEqual({ type: 'ask', questions: [{ text: 'When did the pain start?' }] });
    expect(parseAgentClinic('   ')).toBeNull();
    expect(parseAgentClinic('REQUEST TEST:')).toBeNull();
    expect(parseAgentClinic('```\n```')).toBeNull();
  });
});

describe('SDBench replies', () => {
  it('reads question, test and diagnosis tags robustly', () => {
    expect(parseSdbench('<question>Any fever?</question>')).toEqual({ type: 'ask', questions: [{ text: 'Any fever?' }] });
    expect(parseSdbench('<QUESTION> Any fever? </QUESTION>\n<question>Any cough?</question>')).toEqual({
      type: 'ask',
      questions: [{ text: 'Any fever?' }, { text: 'Any cough?' }],
    });
    expect(parseSdbench('Thinking...\n```xml\n<test>CBC; lipase</test>\n<test>CT abdomen</test>\n```')).toEqual({
      type: 'order',
      tests: ['CBC', 'lipase', 'CT abdomen'],
    });
    expect(parseSdbench('< diagnosis >Acute pancreatitis</ diagnosis >')).toEqual({ type: 'diagnose', differential: [{ name: 'Acute pancreatitis' }] });
    expect(parseSdbench('<tests>ECG, troponin</tests>')).toEqual({ type: 'order', tests: ['ECG', 'troponin'] });
  });

  it('lets the first kind of tag win, accepts a last unclosed tag, and returns null without tags', () => {
    expect(parseSdbench('<test>ECG</test> <diagnosis>STEMI</diagnosis>')).toEqual({ type: 'order', tests: ['ECG'] });
    expect(parseSdbench('<diagnosis>Inferior STEMI')).toEqual({ type: 'diagnose', differential: [{ name: 'Inferior STEMI' }] });
    expect(parseSdbench('I would like an ECG.')).toBeNull();
    expect(parseSdbench('<question></question>')).toBeNull();
  });
});
