export function App() {
  return <h1>Fission Console</h1>;
}
