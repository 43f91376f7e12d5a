// A bar chart (Chart.js on a canvas; only the bar parts are bundled) that screen readers can read: the canvas
// is one image named by its summary, and the same numbers sit in a table under "Show the numbers".
// Chart.js styles its canvas through the CSSOM only, so it runs under the page's strict style-src 'self';
// it is loaded with the first chart (chartjs.ts).
import type { Chart, ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

let chartjs: Promise<typeof import('./chartjs')> | null = null;

export interface Series {
  name: string;
  values: number[];
}

interface Props {
  id: string;
  title: string;
  summary: string; // what a screen reader hears for the drawing
  labels: string[];
  series: Series[];
  format: (value: number) => string;
  horizontal?: boolean;
}

// Blue and a grey that keep 3:1 against white and against each other's edges.
const kColors = ['#1d4ed8', '#9ca3af', '#b45309'];

function chartConfig({ labels, series, format, horizontal }: Props): ChartConfiguration<'bar'> {
  const valueAxis = { ticks: { callback: (value: string | number) => format(Number(value)) } };
  return {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, index) => ({
        label: s.name,
        data: s.values,
        backgroundColor: kColors[index % kColors.length],
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: series.length > 1, position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` } },
      },
      scales: horizontal ? { x: valueAxis } : { y: valueAxis },
    },
  };
}

export function BarChart(props: Props) {
  const { id, title, summary, labels, series, format, horizontal } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = JSON.stringify([labels, series, horizontal]); // redraw only when the numbers change
  useEffect(() => {
    let chart: Chart<'bar'> | null = null;
    let gone = false;
    chartjs ??= import('./chartjs');
    chartjs.then((loaded) => {
      if (!gone && canvas.current) chart = new loaded.Chart(canvas.current, chartConfig(props));
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [drawn]);
  const height = horizontal ? Math.max(180, labels.length * 36 + 60) : 260;
  return (
    <figure class="chart" aria-labelledby={id + '-title'}>
      <figcaption id={id + '-title'}>{title}</figcaption>
      <div class="chart-drawing" style={{ height: height + 'px' }}>
        <canvas ref={canvas} role="img" aria-label={summary}>
          {summary}
        </canvas>
      </div>
      <details>
        <summary>Show the numbers</summary>
        <table>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              {series.map((s) => (
                <th scope="col" key={s.name} class="number">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, row) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.name} class="number">
                    {format(s.values[row] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
