import { useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import { useTranslation } from 'react-i18next';

export interface Stroke {
  points: Array<{ x: number; y: number }>;
}

/** The cardholder signs with a finger or stylus; the strokes go to main as points. */
export function SignatureCapture(props: { onSubmit: (strokes: Stroke[]) => void; onRefuse: () => void; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const canvas = canvasRef.current!;
    // Backing store at the device pixel ratio, coordinates in CSS pixels.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const fit = (): void => {
      const data = padRef.current?.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')!.scale(ratio, ratio);
      padRef.current?.clear();
      if (data) padRef.current?.fromData(data);
    };
    const pad = new SignaturePad(canvas, { minWidth: 1.2, maxWidth: 3.2, penColor: '#0b1f44', backgroundColor: 'rgba(0,0,0,0)' });
    padRef.current = pad;
    fit();
    const onEnd = (): void => setEmpty(pad.isEmpty());
    pad.addEventListener('endStroke', onEnd);
    window.addEventListener('resize', fit);
    return () => {
      pad.removeEventListener('endStroke', onEnd);
      window.removeEventListener('resize', fit);
      pad.off();
    };
  }, []);

  const submit = (): void => {
    const pad = padRef.current;
    if (!pad || pad.isEmpty()) return;
    const strokes = pad
      .toData()
      .slice(0, 200)
      .map((g) => ({ points: g.points.slice(0, 5000).map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 })) }))
      .filter((s) => s.points.length > 0);
    props.onSubmit(strokes);
  };

  return (
    <div className="signature-capture">
      <div className="signature-frame">
        <canvas ref={canvasRef} className="signature-canvas" data-testid="signature-canvas" aria-label={t('customer.signHere')} />
        {empty && <span className="signature-placeholder">{t('customer.signHere')}</span>}
        <span className="signature-line" aria-hidden="true" />
      </div>
      <div className="actions">
        <button
          type="button"
          className="big"
          data-testid="signature-clear"
          disabled={props.busy}
          onClick={() => {
            padRef.current?.clear();
            setEmpty(true);
          }}
        >
          {t('customer.clear')}
        </button>
        <button type="button" className="big" data-testid="signature-refuse" disabled={props.busy} onClick={props.onRefuse}>
          {t('customer.refuse')}
        </button>
        <button type="button" className="primary big" data-testid="signature-submit" disabled={props.busy || empty} onClick={submit}>
          {t('customer.confirm')}
        </button>
      </div>
    </div>
  );
}
