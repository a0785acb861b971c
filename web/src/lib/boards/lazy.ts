import type { Component } from 'svelte';
import type { FacilitatorProps, PhoneProps, ProjectorProps } from './index.ts';

/** Loads a view's code on first use (the same promise after), so a page fetches only the views it shows. */
export type ViewLoader<Props extends ViewProps> = () => Promise<Component<Props>>;
type ViewProps = FacilitatorProps | ProjectorProps | PhoneProps;

export function lazy<Props extends ViewProps>(load: () => Promise<{ default: Component<never> }>): ViewLoader<Props> {
  let loading: Promise<Component<Props>> | null = null;
  return () => (loading ??= load().then((module) => module.default as unknown as Component<Props>));
}
