import { useState } from 'react';
import { api, type ScoreRow } from '../api';

/**
 * "Grade this diagnosis": a person marks the doctor's diagnosis correct or incorrect. The label is stored as the
 * encounter's `human_label` score, which `rounds judge-agreement` and the reports compare with the judge and the match.
 */
export function GradeControl(props: { encounterId: string; current?: ScoreRow; onSaved: (score: ScoreRow) => void }) {
  const [grader, setGrader] = useState(() => localStorage.getItem('rounds-grader') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (correct: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (grader.trim()) localStorage.setItem('rounds-grader', grader.trim());
      const { score } = await api.label(props.encounterId, { correct, ...(grader.trim() ? { grader: grader.trim() } : {}) });
      props.onSaved(score);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="grade" data-testid="grade">
      <h2>Grade this diagnosis</h2>
      <label>
        Your name <input value={grader} onChange={(e) => setGrader(e.target.value)} placeholder="e.g. dr-a" maxLength={100} />
      </label>
      <div className="buttons">
        <button type="button" disabled={busy} onClick={() => save(true)}>
          Correct
        </button>
        <button type="button" disabled={busy} onClick={() => save(false)}>
          Incorrect
        </button>
      </div>
      {props.current && (
        <p className="muted" data-testid="grade-current">
          Your label: {props.current.detail}
        </p>
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
