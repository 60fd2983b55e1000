import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handle(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, authOptions());
}

export { handle as GET, handle as POST };
