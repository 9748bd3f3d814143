import { watchingService } from './watching-service';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import type { RunningDevTenant } from '../../devtenant/server';
import type { Clock } from '../../notifications/clock';
import { type NotificationService } from '../../notifications/service';
import type { Transport } from '../../notifications/transport';
import { AzureBlobStore } from '../../storage/azure-blob';
import { AzureWorkQueue } from '../../storage/azure-queue';
import { AzureLeaseManager } from '../../storage/lease';
import type { RunningAzurite } from './azurite';

/** Real time moved by an offset the test sets; sleeps are real, so the senders and queue polls run as in production. */
export class ShiftedClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
  /** Moves the clock to this ISO time. */
  at(iso: string): void {
    this.offset = Date.parse(iso) - Date.now();
  }
}

export interface AzureInstances {
  /** A storage client of its own on the shared container. */
  storeOf(): AzureBlobStore;
  /** One more server instance's notifications, started, with its own storage clients on the shared account. */
  instance(): Promise<NotificationService>;
  /** The instances started and not yet stopped. */
  readonly running: NotificationService[];
}

/**
 * Server instances behind a load balancer that share one storage account (Azurite): blobs, the outbox
 * queue and watcher leases, all in a container and queue of their own; each reads the dev tenant
 * app-only and delivers through `transport` (the one every instance shares, like Teams).
 */
export function azureInstances(
  name: string,
  world: { azurite: () => RunningAzurite; devTenant: () => RunningDevTenant; clock: Clock; transport: Transport },
): AzureInstances {
  const container = `${name}-${randomUUID()}`;
  const queue = `${name}-${randomUUID()}`;
  const running: NotificationService[] = [];
  const { clock, transport } = world;
  const containerClient = () => BlobServiceClient.fromConnectionString(world.azurite().connectionString).getContainerClient(container);
  const storeOf = (): AzureBlobStore => new AzureBlobStore({ containerClient: containerClient() });
  const instance = async (): Promise<NotificationService> => {
    const service = watchingService(world.devTenant(), clock, {
      store: storeOf(),
      transport,
      queue: new AzureWorkQueue({ connectionString: world.azurite().connectionString, queue }),
      leases: new AzureLeaseManager(containerClient()),
      sender: { pollMs: 50, leaseMs: 5_000 },
    });
    await service.start();
    running.push(service);
    return service;
  };
  return { storeOf, instance, running };
}
