// The parts of Chart.js the dashboard draws with (bars only), registered once. Loaded on demand by BarChart,
// so pages without a chart (sign-in, the client portal) do not download it.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };
