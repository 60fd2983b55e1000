"use client";

import { useRouter } from "next/navigation";
import { useState, type DragEvent } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";

/** Drag and drop (or choose) a file; uploads with a progress bar through the documents API. */
export function DocumentUploader({ propertyId }: { propertyId: string }) {
  const router = useRouter();
  // A file chosen before React is there would be dropped without a word; the input waits for it.
  const hydrated = useHydrated();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  function upload(file: File) {
    setError(null);
    setProgress(0);
    const body = new FormData();
    body.set("file", file);
    body.set("propertyId", propertyId);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/v1/documents");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) setProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      setProgress(null);
      if (request.status === 201) {
        router.refresh();
        return;
      }
      try {
        setError((JSON.parse(request.responseText) as { message?: string }).message ?? "Upload failed");
      } catch {
        setError(`Upload failed (${request.status})`);
      }
    };
    request.onerror = () => {
      setProgress(null);
      setError("Upload failed: the connection was interrupted. Try again.");
    };
    request.send(body);
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) upload(file);
  }

  return (
    <div className="space-y-2">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="document-dropzone"
        className={`rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm ${dragging ? "border-slate-500 bg-slate-50" : "border-slate-300"}`}
      >
        <p>Drop a file here, or</p>
        <label className="mt-2 inline-block cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700">
          Choose a file
          <input
            type="file"
            disabled={!hydrated}
            className="sr-only"
            aria-label="Upload document"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) upload(file);
              event.target.value = "";
            }}
          />
        </label>
        <p className="mt-2 text-xs text-slate-500">PDF, images, .docx, .xlsx, .txt or .csv; up to 20 MB.</p>
      </div>
      {progress !== null ? <progress aria-label="Upload progress" max={100} value={progress} className="w-full" /> : null}
      <FormAlert message={error} />
    </div>
  );
}
