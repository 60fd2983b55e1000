"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** New tenants per day (the analytics page's growth chart). */
export function AnalyticsGrowthChart({ growth }: { growth: Array<{ date: string; new_tenants: number }> }) {
  return (
    <div className="h-64 w-full" data-testid="growth-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={growth}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Bar dataKey="new_tenants" name="New tenants" fill="#0f766e" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
