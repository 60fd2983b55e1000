import { enquiryRoute } from "@/lib/leads/enquiry-route";

export const POST = enquiryRoute;
