// A strategy template shown in the gallery: our own Pine v6 text with long and short logic.
export interface StrategyTemplate {
  id: string;
  name: string;
  description: string;
  source: string;
}
