/** AWS's end of extended support of Kubernetes 1.31 on EKS: the fixtures' days are placed around it. */
export const END_OF_EXTENDED_1_31 = '2026-11-26';

/** The ISO time `days` after `day` (`YYYY-MM-DD`, UTC) at `time`: fixture times computed from a fact. */
export const isoFrom = (day: string, days: number, time = '00:00:00') =>
  new Date(Date.parse(`${day}T${time}Z`) + days * 86_400_000).toISOString();
