// A Next.js 16 App Router app with no next.config: rolegate in server components, client
// components and route handlers, built with Turbopack and with webpack.
export const metadata = { title: "rolegate in Next.js", icons: { icon: "data:," } };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
