"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** API calls and errors per UTC day, oldest first (Settings → Plan & usage). */
export function CallsPerDayChart({ days }: { days: Array<{ day: string; calls: number; errors: number }> }) {
  return (
    <div className="h-64 w-full" data-testid="calls-per-day-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" fontSize={11} tickFormatter={(day: string) => day.slice(5)} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="calls" name="Calls" fill="#0f766e" isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" fill="#b91c1c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** p50 and p95 response time per endpoint, in ms. */
export function LatencyChart({ endpoints }: { endpoints: Array<{ endpoint: string; p50Ms: number | null; p95Ms: number | null }> }) {
  return (
    <div className="h-64 w-full" data-testid="latency-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={endpoints} layout="vertical" margin={{ left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" fontSize={11} unit=" ms" />
          <YAxis type="category" dataKey="endpoint" width={220} fontSize={10} />
          <Tooltip />
          <Legend />
          <Bar dataKey="p50Ms" name="p50" fill="#334155" isAnimationActive={false} />
          <Bar dataKey="p95Ms" name="p95" fill="#f59e0b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
