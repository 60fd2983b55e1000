import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/page-identity";
import { tenantMailBrand } from "@/lib/mail/mail-brand";
import { MAIL_PREVIEW_NAMES, MAIL_PREVIEWS, type MailPreviewName } from "@/lib/mail/mail-previews";
import { renderMail } from "@/lib/mail/send-branded-mail";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";

export const metadata: Metadata = { title: "Mail preview" };

/** Settings → Mail preview: every mail customers and staff get, in this workspace's brand. */
export default async function MailPreviewPage({ params, searchParams }: PageProps<"/t/[tenantId]/dashboard/settings/mail">) {
  const { context } = await requireStaff((await params).tenantId, "settings:edit");
  const requested = (await searchParams).template;
  const selected: MailPreviewName = MAIL_PREVIEW_NAMES.find((name) => name === requested) ?? MAIL_PREVIEW_NAMES[0]!;
  const brand = await tenantMailBrand(context.tenant.id, tenantBaseUrl(context.tenant.slug));
  const mail = await renderMail(MAIL_PREVIEWS[selected].build(brand));
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Mail preview</h1>
      <p className="mt-1 text-sm text-slate-600">
        What your customers and staff receive. Every mail is sent in the name of {brand.name}, with replies going to {brand.replyTo ?? "your first owner"}.
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-[14rem_1fr]">
        <nav aria-label="Mail templates">
          <ul className="space-y-1 text-sm">
            {MAIL_PREVIEW_NAMES.map((name) => (
              <li key={name}>
                <a
                  href={`?template=${name}`}
                  aria-current={name === selected ? "page" : undefined}
                  className="block rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:font-medium aria-[current=page]:text-slate-900"
                >
                  {MAIL_PREVIEWS[name].label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-label="Preview" className="min-w-0 space-y-3">
          <dl className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <div className="flex gap-2">
              <dt className="w-16 text-slate-500">From</dt>
              <dd data-testid="mail-from">{brand.name}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="w-16 text-slate-500">Subject</dt>
              <dd data-testid="mail-subject">{mail.subject}</dd>
            </div>
          </dl>
          <iframe
            title={`${MAIL_PREVIEWS[selected].label} mail`}
            src={`/api/v1/mail-previews/${selected}`}
            sandbox=""
            className="h-[32rem] w-full rounded-lg border border-slate-200 bg-white"
          />
          <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <summary className="cursor-pointer font-medium text-slate-700">Plain-text part</summary>
            <pre className="mt-2 whitespace-pre-wrap text-slate-700" data-testid="mail-text">
              {mail.text}
            </pre>
          </details>
        </section>
      </div>
    </main>
  );
}
