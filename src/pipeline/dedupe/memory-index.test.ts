import { MemoryStoryIndex } from './memory-index.js';
import { describeStoryIndex } from './story-index.contract.js';

describeStoryIndex('in memory', () => {
  const index = new MemoryStoryIndex();
  return { index, addItem: () => {}, story: (id) => index.story(id) };
});
