import { scriptSuite } from './suite';

scriptSuite('geneva-london-2025');
