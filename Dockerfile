# One image for the api, the worker and the one-shot migrate/seed commands.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json openapi.json ./
COPY apps ./apps
COPY libs ./libs
# The server, then the web app (served by the api at /).
RUN npm run build && npm run web:build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
USER node
EXPOSE 3000
# The api by default; compose overrides the command for the worker, migrate and seed.
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
