"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Portal views and enquiries per listing (Dashboard → Analytics). */
export function ViewsAndEnquiriesChart({ listings }: { listings: Array<{ name: string; views: number; enquiries: number }> }) {
  return (
    <div className="h-72 w-full" data-testid="views-enquiries-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={listings}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" fontSize={11} interval={0} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="views" name="Views" fill="#0f766e" isAnimationActive={false} />
          <Bar dataKey="enquiries" name="Enquiries" fill="#f59e0b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Portal views of all listings per UTC day, oldest first. */
export function ViewsPerDayChart({ days }: { days: Array<{ day: string; views: number }> }) {
  return (
    <div className="h-56 w-full" data-testid="views-per-day-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={days}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" fontSize={11} tickFormatter={(day: string) => day.slice(5)} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Line type="monotone" dataKey="views" name="Views" stroke="#0f766e" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Whole days on market per listing. */
export function DaysOnMarketChart({ listings }: { listings: Array<{ name: string; daysOnMarket: number }> }) {
  return (
    <div className="h-56 w-full" data-testid="days-on-market-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={listings}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" fontSize={11} interval={0} />
          <YAxis allowDecimals={false} fontSize={11} unit=" d" />
          <Tooltip />
          <Bar dataKey="daysOnMarket" name="Days on market" fill="#334155" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
