# syntax=docker/dockerfile:1
# Build: compile TypeScript with the dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The organisers' console: bundled from web/ into dist/console (its refusal texts come from locales/).
COPY web ./web
COPY locales ./locales
RUN npm run build

# Production dependencies only.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime: compiled JS, locales and the sample programme, as a non-root user.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY locales ./locales
COPY content ./content
USER node
EXPOSE 8080
# A larger young generation: every update allocates a little for each handler it passes, and with many
# updates in flight the default one promotes most of it to the old generation (see bench/README.md).
CMD ["node", "--max-semi-space-size=32", "dist/main.js"]
