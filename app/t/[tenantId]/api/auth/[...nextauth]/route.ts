import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { refusedSessionAnswer } from "@/lib/auth/next-auth-request";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, context: RouteContext): Promise<Response> {
  const refused = await refusedSessionAnswer(request, (await context.params).nextauth[0]);
  return refused ?? NextAuth(request, context, authOptions());
}

export { handle as GET, handle as POST };
