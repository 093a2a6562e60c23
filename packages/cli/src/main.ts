console.log('jixiao: not yet');
