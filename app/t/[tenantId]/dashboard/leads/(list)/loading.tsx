import { TableSkeleton } from "@/components/dashboard/table-skeleton";

export default TableSkeleton;
