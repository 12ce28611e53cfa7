import { Component, type ReactNode } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';

/** Keeps one screen's crash from blanking the whole window; shows the error instead. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error) return <ErrorMessage error={this.state.error} />;
    return this.props.children;
  }
}
