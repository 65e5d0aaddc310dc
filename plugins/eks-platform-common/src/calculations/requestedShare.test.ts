import { cpuRequestedShare } from './requestedShare';

describe('cpuRequestedShare', () => {
  it('divides requested CPU by allocatable CPU and says so', () => {
    const share = cpuRequestedShare({
      allocatableCpuMillis: 8000,
      requestedCpuMillis: 2000,
    });
    expect(share?.value).toBe(0.25);
    expect(share?.formula).toBe('2000m requested / 8000m allocatable = 25.0%');
    expect(share?.source).toMatch(/Kubernetes resource management/);
  });

  it('has no share when nothing is allocatable', () => {
    expect(
      cpuRequestedShare({ allocatableCpuMillis: 0, requestedCpuMillis: 100 }),
    ).toBeUndefined();
  });
});
