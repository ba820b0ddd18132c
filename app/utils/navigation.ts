import { useNavigation } from "react-router";

/** True while a form of the page is being sent: its submit buttons wait, so one tap sends it once. */
export function useBusy() {
  return useNavigation().state === "submitting";
}
