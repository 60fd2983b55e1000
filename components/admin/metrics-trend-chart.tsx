"use client";

import { Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from "recharts";

/** A key metric's value per snapshot, oldest first (a sparkline). */
export function MetricsTrendChart({ trend }: { trend: Array<{ at: string; value: number | null }> }) {
  return (
    <div className="h-10 w-40">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={trend}>
          <YAxis hide domain={["auto", "auto"]} />
          <Tooltip labelFormatter={(_, payload) => String(payload?.[0]?.payload?.at ?? "")} />
          <Line type="monotone" dataKey="value" stroke="#334155" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
