import { useState } from 'react';
import type { MunicipalitySelectDetail } from '@pnrr-toscana/widgets';

/** The map drives the chart: the event sets the state, the state sets both elements' properties. */
export function App() {
  const [comune, setComune] = useState<MunicipalitySelectDetail>({ code: '048017', name: 'Firenze' });
  return (
    <>
      <pnrr-municipality-map
        province="048"
        perCapita={true}
        selected={comune.code}
        onpnrr-municipality-select={(event) => setComune(event.detail)}
      />
      <p id="comune-scelto" role="status">
        Comune scelto: {comune.name} (codice ISTAT {comune.code})
      </p>
      <pnrr-spending-chart groupBy="mission" metric="pnrr" comune={comune.code} />
    </>
  );
}
