export interface ReadinessCheck {
  name: string;
  check(): Promise<string | true>;
}
